// Quiver's Cypher grammar (openCypher as the TCK exercises it, plus EXPLAIN/PROFILE and schema
// commands). The parser is generated from this file at build time; query/parse turns its trees
// into the AST of query/parse/ast.h.
//
// Design notes:
// - Whitespace and comments are skipped by the lexer, so parser rules never mention them.
// - Keywords are case-insensitive (spelled with one fragment per letter, since the 4.7 tool has no
//   case-insensitive option). Reserved keywords may still be used as label, type, property and
//   function names; a few soft keywords may also name variables.
// - Clause order is not fixed here: any sequence of clauses parses, and the analyzer reports a
//   misplaced clause with a precise error.
// - Malformed number and string literals are lexed as broad tokens and checked when the AST is
//   built, so that they get the TCK's specific error details instead of a generic one.
// - Rule names avoid C++ keywords, which would collide in the generated code.

grammar Cypher;

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

statementInput : statement ';'? EOF ;

statement : explainPrefix? ( schemaCommand | regularQuery ) ;

explainPrefix : EXPLAIN | PROFILE ;

regularQuery : singleQuery unionPart* ;

unionPart : UNION ALL? singleQuery ;

singleQuery : clause+ ;

clause
  : matchClause
  | unwindClause
  | loadCsvClause
  | withClause
  | returnClause
  | createClause
  | mergeClause
  | setClause
  | removeClause
  | deleteClause
  | foreachClause
  | callClause
  ;

// ---------------------------------------------------------------------------------------------
// Reading and projecting clauses
// ---------------------------------------------------------------------------------------------

matchClause : OPTIONAL? MATCH pattern whereClause? ;

unwindClause : UNWIND expression AS variable ;

loadCsvClause
  : LOAD CSV ( WITH HEADERS )? FROM expression AS variable ( FIELDTERMINATOR STRING_LITERAL )?
  ;

withClause : WITH projectionBody whereClause? ;

returnClause : RETURN projectionBody ;

projectionBody : DISTINCT? projectionItems orderClause? skipClause? limitClause? ;

projectionItems
  : STAR ( ',' projectionItem )*
  | projectionItem ( ',' projectionItem )*
  ;

projectionItem : expression ( AS variable )? ;

orderClause : ORDER BY sortItem ( ',' sortItem )* ;

sortItem : expression ( ASCENDING | ASC | DESCENDING | DESC )? ;

skipClause : SKIP_ expression ;

limitClause : LIMIT expression ;

whereClause : WHERE expression ;

// ---------------------------------------------------------------------------------------------
// Updating clauses
// ---------------------------------------------------------------------------------------------

createClause : CREATE pattern ;

mergeClause : MERGE patternPart mergeAction* ;

mergeAction : ON ( MATCH | CREATE ) setClause ;

setClause : SET setItem ( ',' setItem )* ;

setItem
  : propertyTarget '=' expression   # setPropertyItem
  | variable '=' expression         # setReplaceItem
  | variable PLUS_EQ expression     # setMergeItem
  | variable nodeLabels             # setLabelsItem
  ;

// The left-hand side of SET/REMOVE of a property: an atom followed by property lookups.
propertyTarget : atom ( '.' schemaName )+ ;

removeClause : REMOVE removeItem ( ',' removeItem )* ;

removeItem
  : variable nodeLabels   # removeLabelsItem
  | propertyTarget        # removePropertyItem
  ;

deleteClause : DETACH? DELETE expression ( ',' expression )* ;

foreachClause : FOREACH '(' variable IN expression '|' clause+ ')' ;

callClause
  : CALL procedureName callArguments?
    ( YIELD ( STAR | yieldItem ( ',' yieldItem )* whereClause? ) )?
  ;

callArguments : '(' ( expression ( ',' expression )* )? ')' ;

yieldItem : schemaName ( AS variable )? ;

procedureName : ( schemaName '.' )* schemaName ;

// ---------------------------------------------------------------------------------------------
// Schema commands
// ---------------------------------------------------------------------------------------------

schemaCommand
  : CREATE INDEX indexName? ifNotExists? FOR '(' variable ':' schemaName ')'
    ON '(' propertyRefs ')'                                              # createIndexCommand
  | CREATE INDEX ON ':' schemaName '(' schemaName ( ',' schemaName )* ')'  # createIndexOnCommand
  | DROP INDEX indexName ifExists?                                       # dropIndexCommand
  | DROP INDEX ON ':' schemaName '(' schemaName ( ',' schemaName )* ')'  # dropIndexOnCommand
  | CREATE CONSTRAINT indexName? ifNotExists? FOR '(' variable ':' schemaName ')'
    REQUIRE constraintProperties IS UNIQUE                               # createConstraintCommand
  | CREATE CONSTRAINT ON '(' variable ':' schemaName ')'
    ASSERT constraintProperties IS UNIQUE                                # createConstraintOnCommand
  | DROP CONSTRAINT indexName ifExists?                                  # dropConstraintCommand
  | DROP CONSTRAINT ON '(' variable ':' schemaName ')'
    ASSERT constraintProperties IS UNIQUE                                # dropConstraintOnCommand
  | SHOW ( INDEX | INDEXES )                                             # showIndexesCommand
  | SHOW ( CONSTRAINT | CONSTRAINTS )                                    # showConstraintsCommand
  ;

indexName : IDENTIFIER | ESCAPED_NAME ;

ifNotExists : IF NOT EXISTS ;

ifExists : IF EXISTS ;

propertyRef : variable '.' schemaName ;

propertyRefs : propertyRef ( ',' propertyRef )* ;

constraintProperties : propertyRef | '(' propertyRefs ')' ;

// ---------------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------------

pattern : patternPart ( ',' patternPart )* ;

patternPart : ( variable '=' )? anonymousPatternPart ;

anonymousPatternPart
  : ( SHORTESTPATH | ALLSHORTESTPATHS ) '(' patternElement ')'
  | patternElement
  ;

patternElement
  : nodePattern patternElementChain*
  | '(' patternElement ')'
  ;

patternElementChain : relationshipPattern nodePattern ;

nodePattern : '(' variable? nodeLabels? properties? ')' ;

relationshipPattern
  : LT DASH relationshipDetail? DASH GT?
  | DASH relationshipDetail? DASH GT?
  ;

relationshipDetail : '[' variable? relationshipTypes? rangeLiteral? properties? ']' ;

relationshipTypes : ':' schemaName ( '|' ':'? schemaName )* ;

nodeLabels : ( ':' schemaName )+ ;

// A range without its star, or with a negative bound, parses so that it can be reported as an
// invalid relationship pattern rather than as a generic syntax error.
rangeLiteral
  : STAR rangeBound? ( RANGE rangeBound? )?
  | RANGE rangeBound?
  ;

rangeBound : DASH? DECIMAL_INTEGER ;

properties : mapLiteral | parameter ;

// A pattern with at least one relationship, used as an expression (pattern predicate).
relationshipsPattern : nodePattern patternElementChain+ ;

// ---------------------------------------------------------------------------------------------
// Expressions, from the tightest-binding alternative to the loosest
// ---------------------------------------------------------------------------------------------

expression
  : atom                                                    # atomExpression
  | expression '.' schemaName                               # propertyExpression
  | expression '[' expression ']'                           # subscriptExpression
  | expression '[' from=expression? RANGE to=expression? ']' # sliceExpression
  | expression nodeLabels                                   # labelExpression
  | ( PLUS | DASH ) expression                              # unaryExpression
  | expression POW expression                               # powerExpression
  | expression ( STAR | DIV | MOD ) expression              # multiplicativeExpression
  | expression ( PLUS | DASH ) expression                   # additiveExpression
  | expression STARTS WITH expression                       # startsWithExpression
  | expression ENDS WITH expression                         # endsWithExpression
  | expression CONTAINS expression                          # containsExpression
  | expression IN expression                                # inExpression
  | expression REGEX_MATCH expression                       # regexExpression
  | expression IS NOT? NULL_                                # isNullExpression
  | expression comparisonOperator expression                # comparisonExpression
  | NOT expression                                          # notExpression
  | expression AND expression                               # andExpression
  | expression XOR expression                               # xorExpression
  | expression OR expression                                # orExpression
  ;

comparisonOperator : '=' | NEQ | LT | GT | LE | GE ;

atom
  : literal
  | parameter
  | caseExpression
  | COUNT '(' STAR ')'
  | listComprehension
  | patternComprehension
  | quantifierExpression
  | reduceExpression
  | existsSubquery
  | relationshipsPattern
  | parenthesizedExpression
  | functionInvocation
  | mapProjection
  | variable
  ;

parenthesizedExpression : '(' expression ')' ;

literal
  : numberLiteral
  | STRING_LITERAL
  | TRUE
  | FALSE
  | NULL_
  | listLiteral
  | mapLiteral
  ;

numberLiteral
  : DECIMAL_INTEGER
  | HEX_INTEGER
  | OCTAL_INTEGER
  | DECIMAL_FLOAT
  | MALFORMED_NUMBER
  ;

listLiteral : '[' ( expression ( ',' expression )* )? ']' ;

mapLiteral : '{' ( mapEntry ( ',' mapEntry )* )? '}' ;

mapEntry : schemaName ':' expression ;

parameter : '$' ( schemaName | DECIMAL_INTEGER ) ;

caseExpression
  : CASE caseSubject=expression? caseAlternative+ ( ELSE caseElse=expression )? END
  ;

caseAlternative : WHEN expression THEN expression ;

listComprehension
  : '[' variable IN expression ( WHERE expression )? ( '|' expression )? ']'
  ;

patternComprehension
  : '[' ( variable '=' )? relationshipsPattern ( WHERE expression )? '|' expression ']'
  ;

quantifierExpression
  : ( ALL | ANY | NONE | SINGLE ) '(' variable IN expression ( WHERE expression )? ')'
  ;

reduceExpression
  : REDUCE '(' variable '=' expression ',' variable IN expression '|' expression ')'
  ;

existsSubquery
  : EXISTS '{' ( regularQuery | pattern whereClause? ) '}'
  ;

functionInvocation
  : functionName '(' DISTINCT? ( expression ( ',' expression )* )? ')'
  ;

// The last part cannot be a reserved word, so that NOT(x) stays an operator.
functionName : ( schemaName '.' )* symbolicName ;

mapProjection : variable '{' ( mapProjectionItem ( ',' mapProjectionItem )* )? '}' ;

mapProjectionItem
  : schemaName ':' expression   # literalProjectionItem
  | '.' schemaName              # propertyProjectionItem
  | '.' STAR                    # allPropertiesProjectionItem
  | variable                    # variableProjectionItem
  ;

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

variable : symbolicName ;

// Names that may denote variables: identifiers and the soft keywords.
symbolicName
  : IDENTIFIER
  | ESCAPED_NAME
  | COUNT | ANY | NONE | SINGLE | REDUCE | FILTER | EXTRACT | EXISTS
  | EXPLAIN | PROFILE | INDEX | INDEXES | CONSTRAINT | CONSTRAINTS | DROP | SHOW | FOR
  | REQUIRE | ASSERT | UNIQUE | IF | SHORTESTPATH | ALLSHORTESTPATHS
  | LOAD | CSV | HEADERS | FROM | FIELDTERMINATOR
  ;

// Names of labels, types, property keys, map keys and functions: anything, keywords included.
schemaName : symbolicName | reservedWord ;

reservedWord
  : ALL | ASC | ASCENDING | BY | CREATE | DELETE | DESC | DESCENDING | DETACH | LIMIT | MATCH
  | MERGE | ON | OPTIONAL | ORDER | REMOVE | RETURN | SET | SKIP_ | WHERE | WITH | UNION
  | UNWIND | AND | AS | CONTAINS | DISTINCT | ENDS | IN | IS | NOT | OR | STARTS | XOR | CASE
  | ELSE | END | THEN | WHEN | NULL_ | TRUE | FALSE | YIELD | CALL | FOREACH
  ;

// ---------------------------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------------------------

ALL : A L L ;
ALLSHORTESTPATHS : A L L S H O R T E S T P A T H S ;
AND : A N D ;
ANY : A N Y ;
AS : A S ;
ASC : A S C ;
ASCENDING : A S C E N D I N G ;
ASSERT : A S S E R T ;
BY : B Y ;
CALL : C A L L ;
CASE : C A S E ;
CONSTRAINT : C O N S T R A I N T ;
CONSTRAINTS : C O N S T R A I N T S ;
CONTAINS : C O N T A I N S ;
COUNT : C O U N T ;
CREATE : C R E A T E ;
DELETE : D E L E T E ;
DESC : D E S C ;
DESCENDING : D E S C E N D I N G ;
DETACH : D E T A C H ;
DISTINCT : D I S T I N C T ;
DROP : D R O P ;
ELSE : E L S E ;
END : E N D ;
ENDS : E N D S ;
EXISTS : E X I S T S ;
EXPLAIN : E X P L A I N ;
EXTRACT : E X T R A C T ;
FALSE : F A L S E ;
FILTER : F I L T E R ;
FOR : F O R ;
FOREACH : F O R E A C H ;
IF : I F ;
IN : I N ;
INDEX : I N D E X ;
INDEXES : I N D E X E S ;
IS : I S ;
LIMIT : L I M I T ;
MATCH : M A T C H ;
MERGE : M E R G E ;
NONE : N O N E ;
NOT : N O T ;
NULL_ : N U L L ;
ON : O N ;
OPTIONAL : O P T I O N A L ;
OR : O R ;
ORDER : O R D E R ;
PROFILE : P R O F I L E ;
REDUCE : R E D U C E ;
REMOVE : R E M O V E ;
REQUIRE : R E Q U I R E ;
RETURN : R E T U R N ;
SET : S E T ;
SHORTESTPATH : S H O R T E S T P A T H ;
SHOW : S H O W ;
SINGLE : S I N G L E ;
SKIP_ : S K I P ;
STARTS : S T A R T S ;
THEN : T H E N ;
TRUE : T R U E ;
UNION : U N I O N ;
UNIQUE : U N I Q U E ;
UNWIND : U N W I N D ;
LOAD : L O A D ;
CSV : C S V ;
HEADERS : H E A D E R S ;
FROM : F R O M ;
FIELDTERMINATOR : F I E L D T E R M I N A T O R ;
WHEN : W H E N ;
WHERE : W H E R E ;
WITH : W I T H ;
XOR : X O R ;
YIELD : Y I E L D ;

// Operators that need a name in the parser code.
STAR : '*' ;
DIV : '/' ;
MOD : '%' ;
POW : '^' ;
PLUS : '+' ;
DASH : '-' ;
PLUS_EQ : '+=' ;
NEQ : '<>' ;
LT : '<' ;
GT : '>' ;
LE : '<=' ;
GE : '>=' ;
REGEX_MATCH : '=~' ;
RANGE : '..' ;

// Numbers. A digit run that fits none of the valid forms becomes MALFORMED_NUMBER, reported as
// InvalidNumberLiteral; valid forms are listed first so that they win ties.
HEX_INTEGER : '0' [xX] [0-9a-fA-F]+ ;
OCTAL_INTEGER : '0' [oO] [0-7]+ ;
DECIMAL_FLOAT
  : [0-9]+ '.' [0-9]+ EXPONENT?
  | '.' [0-9]+ EXPONENT?
  | [0-9]+ EXPONENT
  ;
DECIMAL_INTEGER : [0-9]+ ;
MALFORMED_NUMBER : [0-9] [0-9a-zA-Z_]* ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;

// Strings keep their escapes; the AST builder resolves and validates them.
STRING_LITERAL
  : '\'' ( ~['\\] | '\\' . )* '\''
  | '"' ( ~["\\] | '\\' . )* '"'
  ;

ESCAPED_NAME : ( '`' ~'`'* '`' )+ ;

IDENTIFIER : ID_START ID_PART* ;
fragment ID_START : [\p{ID_Start}] | [\p{Pc}] ;
fragment ID_PART : [\p{ID_Continue}] | [\p{Sc}] ;

WHITESPACE
  : [ \t\n\r\u000B\u000C\u001C\u001D\u001E\u001F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+
    -> skip
  ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;

// Anything else: turned into a precise error by the parse stage.
UNEXPECTED_CHAR : . ;

fragment A : [aA] ;
fragment B : [bB] ;
fragment C : [cC] ;
fragment D : [dD] ;
fragment E : [eE] ;
fragment F : [fF] ;
fragment G : [gG] ;
fragment H : [hH] ;
fragment I : [iI] ;
fragment J : [jJ] ;
fragment K : [kK] ;
fragment L : [lL] ;
fragment M : [mM] ;
fragment N : [nN] ;
fragment O : [oO] ;
fragment P : [pP] ;
fragment Q : [qQ] ;
fragment R : [rR] ;
fragment S : [sS] ;
fragment T : [tT] ;
fragment U : [uU] ;
fragment V : [vV] ;
fragment W : [wW] ;
fragment X : [xX] ;
fragment Y : [yY] ;
fragment Z : [zZ] ;
